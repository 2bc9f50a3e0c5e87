# An API key is imported by its ID. Pinecone never shows a key's secret
# again after creating it, so an imported key has no `value`.
terraform import pinecone_api_key.ci 9a0b3c4d-1e2f-4a5b-8c6d-7e8f9a0b1c2d

# A service account is imported by its ID. Pinecone never shows a client
# secret again, so an imported account has no `client_secret` until the next
# rotation (change `rotate_trigger` after the import to get one).
terraform import pinecone_service_account.ci 5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d

data "pinecone_api_keys" "search" {
  project_id = "32c8235a-5220-4a80-a9f1-69c24109e6f2"
}

# Names and roles only: secrets are never listed.
output "key_roles" {
  value = { for k in data.pinecone_api_keys.search.api_keys : k.name => k.roles }
}

data "pinecone_service_account" "ci" {
  id = "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
}

output "ci_client_id" {
  value = data.pinecone_service_account.ci.client_id
}

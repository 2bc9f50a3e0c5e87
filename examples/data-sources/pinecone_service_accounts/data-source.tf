data "pinecone_service_accounts" "all" {}

# Names and client IDs only: secrets are never listed.
output "service_accounts" {
  value = { for sa in data.pinecone_service_accounts.all.service_accounts : sa.name => sa.client_id }
}

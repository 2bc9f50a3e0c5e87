data "pinecone_organization" "current" {}

output "plan" {
  value = data.pinecone_organization.current.plan
}

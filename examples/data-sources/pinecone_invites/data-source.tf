data "pinecone_invites" "open" {}

output "expired_invites" {
  value = [for i in data.pinecone_invites.open.invites : i.email if i.status == "expired"]
}

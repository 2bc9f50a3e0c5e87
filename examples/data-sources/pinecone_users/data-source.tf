data "pinecone_users" "all" {}

output "member_emails" {
  value = [for u in data.pinecone_users.all.users : u.email]
}

data "pinecone_user" "alice" {
  email = "alice@example.com"
}

output "alice_id" {
  value = data.pinecone_user.alice.id
}

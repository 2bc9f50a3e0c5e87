data "pinecone_invite" "bob" {
  id = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
}

output "bob_accepted" {
  value = data.pinecone_invite.bob.status == "processed"
}

data "pinecone_backup" "nightly" {
  id = "670e8400-e29b-41d4-a716-446655440000"
}

output "nightly_status" {
  value = data.pinecone_backup.nightly.status
}

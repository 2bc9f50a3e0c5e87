data "pinecone_backup_schedules" "docs" {
  index_name = "docs"
}

output "schedule_ids" {
  value = { for s in data.pinecone_backup_schedules.docs.schedules : s.name => s.id }
}

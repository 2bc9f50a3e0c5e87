data "pinecone_backup_schedule_history" "nightly" {
  schedule_id = pinecone_backup_schedule.nightly.id
}

# The newest backup the schedule finished (the history lists the newest first), e.g. to restore it into a new index
# with pinecone_index.source_backup_id.
output "latest_ready_backup" {
  value = try([for b in data.pinecone_backup_schedule_history.nightly.backups : b.backup_id if b.status == "Ready"][0], null)
}

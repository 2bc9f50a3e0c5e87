# Progress of the restore that created an index from a backup.
data "pinecone_restore_job" "docs" {
  id = pinecone_index.docs_restored.restore_job_id
}

output "restore_progress" {
  value = "${data.pinecone_restore_job.docs.status} (${data.pinecone_restore_job.docs.percent_complete}%)"
}

data "pinecone_restore_jobs" "all" {}

output "unfinished_restores" {
  value = [for j in data.pinecone_restore_jobs.all.restore_jobs : j.target_index_name if j.status != "Completed"]
}

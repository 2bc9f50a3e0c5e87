output "index_name" {
  description = "Name of the index."
  value       = pinecone_index.this.name
}

output "index_host" {
  description = "Data-plane host of the index (no scheme): clients upsert and query here."
  value       = pinecone_index.this.host
}

output "dimension" {
  description = "Dimension of the index."
  value       = pinecone_index.this.dimension
}

output "metric" {
  description = "Similarity metric of the index."
  value       = pinecone_index.this.metric
}

output "tags" {
  description = "All tags of the index, including the provider's default_tags."
  value       = pinecone_index.this.tags_all
}

output "backup_id" {
  description = "ID of the backup, or null when var.backup is not set."
  value       = one(pinecone_backup.this[*].id)
}

# Every backup of the project.
data "pinecone_backups" "all" {}

# Only the backups of one index.
data "pinecone_backups" "docs" {
  index_name = "docs"
}

output "latest_docs_backup" {
  value = try(reverse(sort([for b in data.pinecone_backups.docs.backups : "${b.created_at} ${b.id}"]))[0], null)
}

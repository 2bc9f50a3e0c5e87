resource "pinecone_index" "docs" {
  name = "docs"
  deployment = {
    managed = { cloud = "aws", region = "us-east-1" }
  }
  schema = {
    fields = {
      _values = { dense_vector = { dimension = 1536, metric = "cosine" } }
    }
  }
}

# A backup every night, each kept for a week.
resource "pinecone_backup_schedule" "nightly" {
  index_name     = pinecone_index.docs.name
  name           = "nightly"
  frequency      = "daily"
  retention_days = 7
}

output "next_backup_at" {
  value = pinecone_backup_schedule.nightly.next_scheduled_run
}

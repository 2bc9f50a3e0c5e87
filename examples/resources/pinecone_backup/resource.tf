resource "pinecone_index" "docs" {
  name      = "docs"
  dimension = 1536

  spec = {
    serverless = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }
}

resource "pinecone_backup" "docs_nightly" {
  source_index_name = pinecone_index.docs.name
  name              = "docs-nightly"
  description       = "Nightly backup of the docs index"
}

# Restore the backup into a new index: cloud, region, dimension and metric
# come from the backup.
resource "pinecone_index" "docs_restored" {
  name             = "docs-restored"
  source_backup_id = pinecone_backup.docs_nightly.id

  spec = {
    serverless = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }
}

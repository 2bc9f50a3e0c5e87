# A serverless index for semantic search over embeddings of one model, and
# optionally a backup of it.

resource "pinecone_index" "this" {
  name      = var.name
  dimension = var.dimension
  metric    = var.metric

  spec = {
    serverless = {
      cloud  = var.cloud
      region = var.region
    }
  }

  deletion_protection = var.deletion_protection ? "enabled" : "disabled"
  tags                = merge(var.tags, { module = "semantic-search" })
}

resource "pinecone_backup" "this" {
  count = var.backup == null ? 0 : 1

  source_index_name = pinecone_index.this.name
  name              = coalesce(var.backup.name, "${var.name}-backup")
  description       = var.backup.description
}

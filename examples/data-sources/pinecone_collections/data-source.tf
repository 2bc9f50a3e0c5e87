data "pinecone_collections" "all" {}

output "ready_collections" {
  value = [for c in data.pinecone_collections.all.collections : c.name if c.status == "Ready"]
}

data "pinecone_indexes" "all" {}

# Hosts of every ready index, by name.
output "ready_index_hosts" {
  value = {
    for ix in data.pinecone_indexes.all.indexes : ix.name => ix.host
    if ix.status.ready
  }
}

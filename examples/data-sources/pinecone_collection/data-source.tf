data "pinecone_collection" "snapshot" {
  name = "products-snapshot"
}

output "snapshot_vectors" {
  value = data.pinecone_collection.snapshot.vector_count
}

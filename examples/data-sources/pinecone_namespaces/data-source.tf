data "pinecone_namespaces" "catalog" {
  index_name = "catalog"
}

output "records_per_namespace" {
  value = { for ns in data.pinecone_namespaces.catalog.namespaces : ns.name => ns.record_count }
}

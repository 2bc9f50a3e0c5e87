# Look up an index created elsewhere and hand its host to an application.
data "pinecone_index" "docs" {
  name = "docs"
}

output "docs_host" {
  value = data.pinecone_index.docs.host
}

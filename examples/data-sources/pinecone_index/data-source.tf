# Look up an index created elsewhere and hand its host to an application.
data "pinecone_index" "docs" {
  name = "docs"
}

output "docs_host" {
  value = data.pinecone_index.docs.host
}

# `deployment` and `schema` are filled for every index, whichever mode created it:
# a legacy vector index shows `_values` (and `_sparse_values`), a document index
# its named fields.
output "docs_deployment" {
  value = data.pinecone_index.docs.deployment.deployment_type # managed, byoc or pod
}

output "docs_field_types" {
  value = { for name, field in data.pinecone_index.docs.schema.fields : name => field.type }
}

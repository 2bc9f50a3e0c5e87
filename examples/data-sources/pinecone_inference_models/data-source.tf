# Dense embedding models, e.g. to validate a variable against.
data "pinecone_inference_models" "dense" {
  type        = "embed"
  vector_type = "dense"
}

output "dense_models" {
  value = [for m in data.pinecone_inference_models.dense.models : m.name]
}

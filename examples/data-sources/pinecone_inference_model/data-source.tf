# Look a model up before creating an integrated index with it.
data "pinecone_inference_model" "llama" {
  name = "llama-text-embed-v2"
}

output "llama_dimensions" {
  value = data.pinecone_inference_model.llama.supported_dimensions
}

output "llama_parameters" {
  value = { for p in data.pinecone_inference_model.llama.supported_parameters : p.parameter => p.allowed_values }
}

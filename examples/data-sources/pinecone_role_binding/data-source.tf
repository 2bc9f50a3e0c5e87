data "pinecone_role_binding" "one" {
  id = "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e"
}

output "granted" {
  value = "${data.pinecone_role_binding.one.role} on ${data.pinecone_role_binding.one.resource_type} ${data.pinecone_role_binding.one.resource_id}"
}

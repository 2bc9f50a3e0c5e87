# A role binding is imported by its ID (see the pinecone_role_bindings data
# source to find it).
terraform import pinecone_role_binding.alice_viewer 7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e

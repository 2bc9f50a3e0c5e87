# Who holds which role on one project.
data "pinecone_role_bindings" "search" {
  resource_type = "project"
  resource_id   = "32c8235a-5220-4a80-a9f1-69c24109e6f2"
}

output "search_access" {
  value = [for b in data.pinecone_role_bindings.search.role_bindings : "${b.principal_type}:${b.principal_id} ${b.role}"]
}

# The roles of a pending invite.
data "pinecone_role_bindings" "invite" {
  principal_type = "invite"
  principal_id   = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
}

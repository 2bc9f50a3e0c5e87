resource "pinecone_project" "search" {
  name = "search-prod"
}

resource "pinecone_invite" "bob" {
  email = "bob@example.com"
  role_bindings = [
    # Required: one organization membership role.
    { resource_type = "organization", role = "OrgMember" },
    # Optional: roles on projects.
    { resource_type = "project", resource_id = pinecone_project.search.id, role = "ProjectManager" },
  ]

  # Change this value to send the email again and extend the invite by 7 days.
  resend_trigger = "1"
}

output "bob_invite_status" {
  value = pinecone_invite.bob.status
}

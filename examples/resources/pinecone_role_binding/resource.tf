resource "pinecone_project" "search" {
  name = "search-prod"
}

resource "pinecone_service_account" "deployer" {
  name = "deployer"
}

# Project scope: the account may manage the project, its keys and its indexes.
resource "pinecone_role_binding" "deployer_owner" {
  principal_type = "service_account"
  principal_id   = pinecone_service_account.deployer.id
  resource_type  = "project"
  resource_id    = pinecone_project.search.id
  role           = "ProjectOwner"
}

# Organization scope: no resource_id.
resource "pinecone_role_binding" "deployer_member" {
  principal_type = "service_account"
  principal_id   = pinecone_service_account.deployer.id
  resource_type  = "organization"
  role           = "OrgMember"
}

# A member who accepted an invite, found by email.
data "pinecone_user" "alice" {
  email = "alice@example.com"
}

resource "pinecone_role_binding" "alice_viewer" {
  principal_type = "user"
  principal_id   = data.pinecone_user.alice.id
  resource_type  = "project"
  resource_id    = pinecone_project.search.id
  role           = "ProjectViewer"
}

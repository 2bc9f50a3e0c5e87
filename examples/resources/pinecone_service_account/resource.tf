resource "pinecone_service_account" "ci" {
  name = "ci-pipeline"

  # Change this value to rotate the client secret, e.g. on a schedule with
  # the time provider's time_rotating. Setting it the first time, removing
  # it, renaming the account or importing it never rotates.
  rotate_trigger = "2026-11"
}

# Give the account a role: here, owner of one project.
resource "pinecone_role_binding" "ci_owner" {
  principal_type = "service_account"
  principal_id   = pinecone_service_account.ci.id
  resource_type  = "project"
  resource_id    = "32c8235a-5220-4a80-a9f1-69c24109e6f2"
  role           = "ProjectOwner"
}

# The secret is in state (sensitive). Hand it to a secrets manager rather
# than to an output, for example:
#
#   resource "aws_secretsmanager_secret_version" "pinecone_ci" {
#     secret_id = aws_secretsmanager_secret.pinecone_ci.id
#     secret_string = jsonencode({
#       client_id     = pinecone_service_account.ci.client_id
#       client_secret = pinecone_service_account.ci.client_secret
#     })
#   }
output "ci_client_id" {
  value = pinecone_service_account.ci.client_id
}

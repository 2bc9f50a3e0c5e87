# The admin API authenticates with a service account: set PINECONE_CLIENT_ID
# and PINECONE_CLIENT_SECRET in the environment (or client_id/client_secret).
resource "pinecone_project" "search" {
  name     = "search-prod"
  max_pods = 10
}

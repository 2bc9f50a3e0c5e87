data "pinecone_project" "search" {
  name = "search-prod"
}

output "search_project_id" {
  value = data.pinecone_project.search.id
}

data "pinecone_projects" "all" {}

output "project_ids" {
  value = { for p in data.pinecone_projects.all.projects : p.name => p.id }
}

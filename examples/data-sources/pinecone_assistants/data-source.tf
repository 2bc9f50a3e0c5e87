data "pinecone_assistants" "all" {}

output "assistant_hosts" {
  value = { for a in data.pinecone_assistants.all.assistants : a.name => a.host }
}

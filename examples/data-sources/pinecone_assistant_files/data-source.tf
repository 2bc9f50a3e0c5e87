# Files of an assistant whose metadata has topic = "faq".
data "pinecone_assistant_files" "faq" {
  assistant_name = "support-bot"
  filter         = jsonencode({ topic = "faq" })
}

output "faq_files" {
  value = [for f in data.pinecone_assistant_files.faq.files : f.name if f.status == "Available"]
}

data "pinecone_assistant" "support" {
  name = "support-bot"
}

# The data-plane URL that chat clients call.
output "support_bot_host" {
  value = data.pinecone_assistant.support.host
}

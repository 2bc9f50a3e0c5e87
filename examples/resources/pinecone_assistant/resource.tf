resource "pinecone_assistant" "support" {
  name         = "support-bot"
  region       = "us"
  instructions = "Answer questions about our product using the uploaded documents. Be brief."

  # An HCL object, or jsonencode({...}); either way the plan stays empty
  # after apply whatever key order Pinecone returns.
  metadata = {
    team = "support"
    tier = 2
  }
}

output "support_bot_host" {
  value = pinecone_assistant.support.host
}

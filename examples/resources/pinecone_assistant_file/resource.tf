resource "pinecone_assistant" "support" {
  name = "support-bot"
}

# Upload a local file. Editing the file changes its content hash, which the
# plan shows as an in-place update: the file is uploaded again under the
# same file_id (derived from the assistant and the source path unless set).
resource "pinecone_assistant_file" "faq" {
  assistant_name = pinecone_assistant.support.name
  source         = "${path.module}/docs/faq.md"
  file_id        = "faq"

  metadata = {
    topic = "faq"
  }
}

# One resource per file of a folder.
resource "pinecone_assistant_file" "manuals" {
  for_each = fileset("${path.module}/manuals", "*.pdf")

  assistant_name = pinecone_assistant.support.name
  source         = "${path.module}/manuals/${each.value}"
  multimodal     = true
}

# An assistant file is imported as "<assistant_name>/<file_id>". The local
# path cannot be read back from Pinecone: `source` (and the content hash)
# are taken from the configuration after the import.
terraform import pinecone_assistant_file.faq support-bot/faq

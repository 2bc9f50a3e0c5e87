# An assistant file is imported as "<assistant_name>/<file_id>". The local
# path cannot be read back from Pinecone: `source` (and the content hash)
# are taken from the configuration after the import.
terraform import pinecone_assistant_file.faq support-bot/3c90c3cc-0d44-4b50-8888-8dd25736052a

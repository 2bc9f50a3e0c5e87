# An assistant is imported by its name.
terraform import pinecone_assistant.support support-bot

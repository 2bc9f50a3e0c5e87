# An index is imported by its name.
terraform import pinecone_index.docs docs

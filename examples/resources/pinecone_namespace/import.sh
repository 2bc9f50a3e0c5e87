# A namespace is imported by "<index name>/<namespace name>".
terraform import pinecone_namespace.books catalog/books

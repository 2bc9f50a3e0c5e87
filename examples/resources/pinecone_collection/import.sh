# A collection is imported by its name. Pinecone does not report the source
# index, so `source` is taken from the configuration after the import.
terraform import pinecone_collection.products_snapshot products-snapshot

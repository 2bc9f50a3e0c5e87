# Collections copy pod-based indexes.
resource "pinecone_index" "products" {
  name      = "products"
  dimension = 768

  spec = {
    pod = {
      environment = "us-east-1-aws"
      pod_type    = "p1.x1"
    }
  }
}

resource "pinecone_collection" "products_snapshot" {
  name   = "products-snapshot"
  source = pinecone_index.products.name
}

# A new pod index seeded from the collection.
resource "pinecone_index" "products_copy" {
  name      = "products-copy"
  dimension = 768

  spec = {
    pod = {
      environment       = "us-east-1-aws"
      source_collection = pinecone_collection.products_snapshot.name
    }
  }
}

# A collection is a static copy of a pod-based index (Pinecone does not make
# collections from serverless indexes). Pod-based indexes are legacy: Pinecone
# does not let customers who signed up for a Standard or Enterprise plan on or
# after 2025-08-18 create them.
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

# A new pod-based index seeded from the collection. Like every index created
# from a collection, it is created with API version 2026-04.
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

# A collection can also seed a serverless index: Pinecone's way of migrating a
# pod-based index to serverless. The pod-based index is kept until you delete it.
#
# resource "pinecone_index" "products_serverless" {
#   name      = "products-serverless"
#   dimension = 768
#
#   spec = {
#     serverless = {
#       cloud             = "aws"
#       region            = "us-east-1"
#       source_collection = pinecone_collection.products_snapshot.name
#     }
#   }
# }

# A document index for a product catalog (schema mode, API 2026-07): three
# text fields searchable with full-text search and one dense vector field.
# Documents are written and searched through Pinecone's documents API. Other
# fields you upsert with a document (price, brand, in_stock, ...) are kept as
# metadata and can be filtered on without being declared here.
resource "pinecone_index" "catalog" {
  name = "product-catalog"

  deployment = {
    managed = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }

  schema = {
    fields = {
      # Pinecone's defaults: English, no stemming, no stop-word removal.
      title = {
        string = {
          description      = "Product name as shown in the shop"
          full_text_search = {}
        }
      }

      # Stemmed English with stop words dropped, so a search for
      # "running shoes" also finds "run shoe".
      description = {
        string = {
          description = "Long product description"
          full_text_search = {
            language   = "en"
            stemming   = true
            stop_words = true
          }
        }
      }

      # Prefix n-grams of 2 to 8 characters for autocomplete: "KX40" finds "KX4000".
      # N-grams cannot be combined with stemming or stop words.
      sku = {
        string = {
          full_text_search = {
            ngram = {
              min_gram    = 2
              max_gram    = 8
              prefix_only = true
            }
          }
        }
      }

      # Embeddings you compute yourself, for semantic search.
      embedding = {
        dense_vector = {
          dimension   = 1024
          metric      = "cosine"
          description = "multilingual-e5-large embedding of title and description"
        }
      }
    }
  }

  deletion_protection = "enabled"
  tags = {
    team = "shop-search"
  }
}

output "catalog_host" {
  value = pinecone_index.catalog.host
}

# A backup is imported by its ID (backup_id).
terraform import pinecone_backup.docs_nightly 670e8400-e29b-41d4-a716-446655440000

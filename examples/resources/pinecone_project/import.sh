# A project is imported by its ID.
terraform import pinecone_project.search 32c8235a-5220-4a80-a9f1-69c24109e6f2

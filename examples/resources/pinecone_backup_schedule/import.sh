# A backup schedule is imported by its schedule ID (see the pinecone_backup_schedules data source).
terraform import pinecone_backup_schedule.nightly e88f7273-42aa-47e9-af73-593827136867

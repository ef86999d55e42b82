"""What cscperf produces: the committee report, the web application and exports."""
